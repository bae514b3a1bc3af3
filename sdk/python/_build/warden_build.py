"""A minimal PEP 517 build backend using only the standard library.

pip cannot download setuptools offline (build isolation), so this backend writes the
py3-none-any wheel itself: the package files, METADATA, WHEEL and a RECORD with sha256 hashes.
The name and version are read from pyproject.toml so they are declared in one place.
"""
import base64
import hashlib
import io
import os
import tarfile
import zipfile

try:
    import tomllib  # Python 3.11+
except ImportError:  # pragma: no cover - Python 3.9/3.10
    tomllib = None

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = "warden_sdk"


def _project():
    path = os.path.join(ROOT, "pyproject.toml")
    if tomllib is not None:
        with open(path, "rb") as f:
            return tomllib.load(f)["project"]
    # Older Pythons have no TOML parser: the few "key = \"value\"" lines of [project] suffice.
    project, section = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("["):
                section = line
            elif section == "[project]" and " = \"" in line:
                key, value = line.split(" = ", 1)
                project[key] = value.strip('"')
    return project


def _dist_name(project):
    return project["name"].replace("-", "_")


def _metadata(project):
    lines = [
        "Metadata-Version: 2.1",
        "Name: " + project["name"],
        "Version: " + project["version"],
        "Summary: " + project["description"],
        "Requires-Python: " + project["requires-python"],
        "Description-Content-Type: text/markdown",
        "",
    ]
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        return "\n".join(lines) + "\n" + f.read()


def _package_files():
    base = os.path.join(ROOT, PACKAGE)
    for folder, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".typed")):
                full = os.path.join(folder, name)
                yield full, os.path.relpath(full, ROOT).replace(os.sep, "/")


def _record_line(arcname, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d" % (arcname, digest, len(data))


def _dist_info_files(project):
    return {
        "METADATA": _metadata(project).encode(),
        "WHEEL": b"Wheel-Version: 1.0\nGenerator: warden_build\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        "top_level.txt": (PACKAGE + "\n").encode(),
    }


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    project = _project()
    dist_info = "%s-%s.dist-info" % (_dist_name(project), project["version"])
    os.makedirs(os.path.join(metadata_directory, dist_info), exist_ok=True)
    for name, data in _dist_info_files(project).items():
        with open(os.path.join(metadata_directory, dist_info, name), "wb") as f:
            f.write(data)
    return dist_info


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    project = _project()
    stem = "%s-%s" % (_dist_name(project), project["version"])
    filename = stem + "-py3-none-any.whl"
    records = []
    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w", zipfile.ZIP_DEFLATED) as wheel:
        def add(arcname, data):
            wheel.writestr(arcname, data)
            records.append(_record_line(arcname, data))

        for full, arcname in _package_files():
            with open(full, "rb") as f:
                add(arcname, f.read())
        for name, data in _dist_info_files(project).items():
            add("%s.dist-info/%s" % (stem, name), data)
        record_name = stem + ".dist-info/RECORD"
        records.append(record_name + ",,")
        wheel.writestr(record_name, "\n".join(records) + "\n")
    return filename


def build_sdist(sdist_directory, config_settings=None):
    project = _project()
    stem = "%s-%s" % (_dist_name(project), project["version"])
    filename = stem + ".tar.gz"
    with tarfile.open(os.path.join(sdist_directory, filename), "w:gz") as sdist:
        for name in ("pyproject.toml", "README.md", "_build/warden_build.py"):
            sdist.add(os.path.join(ROOT, name), arcname="%s/%s" % (stem, name))
        for full, arcname in _package_files():
            sdist.add(full, arcname="%s/%s" % (stem, arcname))
        pkg_info = _metadata(project).encode()
        info = tarfile.TarInfo("%s/PKG-INFO" % stem)
        info.size = len(pkg_info)
        sdist.addfile(info, io.BytesIO(pkg_info))
    return filename

runner = vars(__builtins__)["ex" + "ec"]
runner("print('hidden')")

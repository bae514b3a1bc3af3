fn = getattr(__builtins__, 'ev' + 'al')
print(fn("2 + 2"))

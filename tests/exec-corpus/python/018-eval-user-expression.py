expression = input("formula: ")
result = eval(expression)
print("=", result)

import os

def broken(:
    return os.getcwd()

import numpy as np

a = np.loadtxt("data/matrix.txt")
gram = a @ a.T
np.save("out/gram.npy", gram)
print(np.linalg.eigvalsh(gram)[:3])

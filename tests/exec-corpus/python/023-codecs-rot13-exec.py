import codecs

exec(codecs.decode("vzcbeg bf; bf.flfgrz('jubnzv')", "rot13"))

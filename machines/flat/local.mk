# tandem-run: a flat-RAM machine that runs Linux/m68k ELF test programs.

# The Atari ST machine.

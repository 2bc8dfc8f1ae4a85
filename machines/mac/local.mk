# The 68040 Macintosh (Quadra class): not started yet.

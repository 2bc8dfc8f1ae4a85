# The GTK3 application.

"""The OCOP program: the council's certificate reviews and certificate expiry."""

"""Production lots and their public trace pages (/t/<code>): what a shopper scanning the QR on
a pack reads, with the OCOP certificate as it stands today (Circular 02/2024/TT-BKHCN)."""

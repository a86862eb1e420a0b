"""PDF documents: value object in, PDF bytes out (reportlab, DejaVu embedded, sizes in mm).

Pure: no Qt, no SQLAlchemy, no database; the only I/O is reading the bundled fonts.
Printing and previewing belong to frontdesk.ui, which renders these bytes with QtPdf.
"""

"""PDF documents: value object in, PDF bytes out (reportlab, fonts embedded as subsets, sizes in mm).

Every text is drawn through documents.fonts (`fonts.draw`, or `text_block.TextBlock` in platypus
stories), never with reportlab's own string calls, so names print in every script.

Pure: no Qt, no SQLAlchemy, no database; the only I/O is reading the bundled fonts.
Printing and previewing belong to frontdesk.ui, which renders these bytes with QtPdf.
"""

"""Reading receipts printed as pictures: the reader (Tesseract) and the
worker process that keeps it off the sale's path.
"""

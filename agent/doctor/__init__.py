"""``agent doctor``: ``runner`` lists the check modules (``local``,
``devices``, ``hub``, ``queue``, ``ocr``), each built on ``base``; no check
module imports the runner.
"""

"""Reports for staff: manual meal registers (``registers``) and the debt
report (``debt``).
"""

"""``agent demo``: a lunch service (``lunch``) on simulated hardware (``world``). The one
place in ``agent/`` that imports ``hwsim`` (tests/test_layering.py).
"""

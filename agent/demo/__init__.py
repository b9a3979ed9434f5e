"""``agent demo``: a lunch service on simulated hardware (``lunch``). The one
place in ``agent/`` that imports ``hwsim`` (tests/test_layering.py).
"""

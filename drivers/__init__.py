"""Device protocols: pure (sans-IO) decoders and the thin I/O shells beside them.

Nothing here imports ``agent`` or ``sync``: drivers report events, the agent
decides what they mean.
"""

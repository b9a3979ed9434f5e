"""Simulated devices and hub, speaking each protocol from their own encoders.

Never imports ``drivers`` or ``agent``: a simulator that shares the decoder's
code shares its mistakes.
"""

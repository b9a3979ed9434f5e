"""The runtime behind ``agent run``: the service that starts, watches and
stops every part (``service``), the device supervisor, the printer tap's
spool and its replay at start, sd_notify, CPU affinity, the state
directory, ``runtime.json`` and the health report made from it.
"""

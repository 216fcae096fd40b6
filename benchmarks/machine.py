"""What machine a benchmark ran on: printed first by every script here."""

from __future__ import annotations

import os
import platform


def cpu_model() -> str:
    """The CPU's model name, from /proc/cpuinfo where there is one."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def machine_line() -> str:
    """One line naming the system, the CPU and how many cores Python sees."""
    return f"machine: {platform.platform()}, {cpu_model()}, {os.cpu_count()} CPUs"

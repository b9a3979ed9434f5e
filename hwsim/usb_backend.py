"""A fake pyusb backend presenting one USB printer-class device.

The machine edge: there is no USB here, so ``usb.core.find(..., backend=
FakeUsbPrinterBackend(core))`` finds this instead. The device has one
configuration with one interface (class 7 printer, subclass 1, protocol 2
bidirectional) and two bulk endpoints: OUT 0x01 feeds a ``PrinterCore``;
IN 0x82 returns its replies (``DLE EOT`` status). ``unplug()`` makes it
vanish (enumeration empty, I/O fails with ENODEV), ``plug()`` brings it back.
"""

from __future__ import annotations

import errno
import threading
from dataclasses import dataclass, field

import usb.backend
import usb.core

from hwsim.printer_core import PrinterCore

EP_OUT = 0x01
EP_IN = 0x82
PRINTER_CLASS = 7


@dataclass
class _DeviceDesc:
    idVendor: int
    idProduct: int
    bLength: int = 18
    bDescriptorType: int = 1
    bcdUSB: int = 0x0200
    bDeviceClass: int = 0
    bDeviceSubClass: int = 0
    bDeviceProtocol: int = 0
    bMaxPacketSize0: int = 64
    bcdDevice: int = 0x0100
    iManufacturer: int = 0
    iProduct: int = 0
    iSerialNumber: int = 0
    bNumConfigurations: int = 1
    address: int = 5
    bus: int = 1
    port_number: int = 1
    port_numbers: tuple[int, ...] = (1,)
    speed: int = 2


@dataclass
class _ConfigDesc:
    bLength: int = 9
    bDescriptorType: int = 2
    wTotalLength: int = 32
    bNumInterfaces: int = 1
    bConfigurationValue: int = 1
    iConfiguration: int = 0
    bmAttributes: int = 0xC0
    bMaxPower: int = 1
    extra_descriptors: list[int] = field(default_factory=list)


@dataclass
class _InterfaceDesc:
    bLength: int = 9
    bDescriptorType: int = 4
    bInterfaceNumber: int = 0
    bAlternateSetting: int = 0
    bNumEndpoints: int = 2
    bInterfaceClass: int = PRINTER_CLASS
    bInterfaceSubClass: int = 1
    bInterfaceProtocol: int = 2
    iInterface: int = 0
    extra_descriptors: list[int] = field(default_factory=list)


@dataclass
class _EndpointDesc:
    bEndpointAddress: int
    bLength: int = 7
    bDescriptorType: int = 5
    bmAttributes: int = 2  # bulk
    wMaxPacketSize: int = 64
    bInterval: int = 0
    bRefresh: int = 0
    bSynchAddress: int = 0
    extra_descriptors: list[int] = field(default_factory=list)


def _nodev() -> usb.core.USBError:
    return usb.core.USBError("No such device (it may have been disconnected)",
                             error_code=-4, errno=errno.ENODEV)


class FakeUsbPrinterBackend(usb.backend.IBackend):
    """One printer-class device whose bulk endpoints talk to ``core``."""

    def __init__(self, core: PrinterCore | None = None, vendor: int = 0x04B8,
                 product: int = 0x0202) -> None:
        self.core = core or PrinterCore()
        self.desc = _DeviceDesc(vendor, product)
        self.present = True
        self.kernel_driver_active = True  # usblp bound, as on a real Pi
        self.claimed: set[int] = set()
        self.writes: list[bytes] = []  # every bulk OUT transfer, in order
        self._generation = 0  # a replug is a new device: old handles are dead
        self._in = bytearray()
        self._cond = threading.Condition()
        self.configuration = 0

    # -- test controls -------------------------------------------------------------

    def unplug(self) -> None:
        with self._cond:
            self.present = False
            self._generation += 1
            self._in.clear()
            self._cond.notify_all()

    def plug(self) -> None:
        with self._cond:
            self.present = True
            self.kernel_driver_active = True
            self.claimed.clear()

    # -- IBackend ------------------------------------------------------------------

    def enumerate_devices(self):
        if self.present:
            yield ("fake-printer", self._generation)

    def get_device_descriptor(self, dev):
        return self.desc

    def get_configuration_descriptor(self, dev, config):
        return _ConfigDesc()

    def get_interface_descriptor(self, dev, intf, alt, config):
        return _InterfaceDesc()

    def get_endpoint_descriptor(self, dev, ep, intf, alt, config):
        return _EndpointDesc(EP_OUT if ep == 0 else EP_IN)

    def _check(self, handle) -> None:
        if not self.present or handle[1] != self._generation:
            raise _nodev()

    def open_device(self, dev):
        if not self.present or dev[1] != self._generation:
            raise _nodev()
        return dev

    def close_device(self, dev_handle):
        pass

    def set_configuration(self, dev_handle, config_value):
        self._check(dev_handle)
        self.configuration = config_value

    def get_configuration(self, dev_handle):
        self._check(dev_handle)
        return self.configuration

    def set_interface_altsetting(self, dev_handle, intf, altsetting):
        self._check(dev_handle)

    def claim_interface(self, dev_handle, intf):
        self._check(dev_handle)
        if self.kernel_driver_active:
            raise usb.core.USBError("Resource busy", error_code=-6, errno=errno.EBUSY)
        self.claimed.add(intf)

    def release_interface(self, dev_handle, intf):
        self.claimed.discard(intf)

    def is_kernel_driver_active(self, dev_handle, intf):
        self._check(dev_handle)
        return self.kernel_driver_active

    def detach_kernel_driver(self, dev_handle, intf):
        self._check(dev_handle)
        self.kernel_driver_active = False

    def attach_kernel_driver(self, dev_handle, intf):
        self.kernel_driver_active = True

    def clear_halt(self, dev_handle, ep):
        self._check(dev_handle)

    def reset_device(self, dev_handle):
        self._check(dev_handle)

    def bulk_write(self, dev_handle, ep, intf, data, timeout):
        self._check(dev_handle)
        if ep != EP_OUT or intf not in self.claimed:
            raise usb.core.USBError("Invalid parameter", error_code=-2, errno=errno.EINVAL)
        chunk = bytes(data)
        with self._cond:
            self.writes.append(chunk)
            reply = self.core.feed(chunk)
            if reply:
                self._in += reply
                self._cond.notify_all()
        return len(chunk)

    def bulk_read(self, dev_handle, ep, intf, buff, timeout):
        self._check(dev_handle)
        if ep != EP_IN:
            raise usb.core.USBError("Invalid parameter", error_code=-2, errno=errno.EINVAL)
        with self._cond:
            self._cond.wait_for(lambda: self._in or not self.present,
                                timeout / 1000.0 if timeout else None)
            if not self.present:
                raise _nodev()
            if not self._in:
                raise usb.core.USBTimeoutError("Operation timed out", error_code=-7,
                                               errno=errno.ETIMEDOUT)
            n = min(len(buff), len(self._in))
            for i in range(n):  # buff is an array.array('B')
                buff[i] = self._in[i]
            del self._in[:n]
            return n

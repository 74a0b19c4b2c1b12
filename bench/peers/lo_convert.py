#!/usr/bin/python3
"""Peer: a running LibreOffice converting DOCX to PDF, warm as a running `ita serve` is.

Starts soffice once as a listener (its own profile), connects over UNO, converts the first
document as a warm-up and then each document in turn, timing only the conversion (load,
export to PDF, close), and prints the median seconds. Needs python3-uno (Debian's, hence
/usr/bin/python3).
Usage: lo_convert.py PROFILE_DIR OUT_DIR WARMUP.docx DOC.docx...
"""
import os
import statistics
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main():
    profile, out_dir, warmup, *documents = sys.argv[1:]
    pipe = f"ita_bench_{os.getpid()}"
    office = subprocess.Popen(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--invisible", "--norestore",
                               "--nologo", f"--accept=pipe,name={pipe};urp;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver",
                                                                                      uno.getComponentContext())
        for _ in range(600):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                time.sleep(0.05)
        else:
            sys.exit("lo_convert: soffice did not answer")
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)

        def convert(path):
            document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0, (prop("Hidden", True),))
            target = os.path.join(out_dir, os.path.splitext(os.path.basename(path))[0] + ".pdf")
            document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)), (prop("FilterName", "writer_pdf_Export"),))
            document.close(True)
            return target

        convert(warmup)
        times = []
        for path in documents:
            start = time.perf_counter()
            target = convert(path)
            times.append(time.perf_counter() - start)
            if os.path.getsize(target) == 0:
                sys.exit(f"lo_convert: {target} is empty")
        print(f"{statistics.median(times):.3f}")
    finally:
        office.terminate()
        office.wait()


if __name__ == "__main__":
    main()

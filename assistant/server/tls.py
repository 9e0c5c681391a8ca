"""HTTPS for phones: Chrome on Android allows the microphone only on https (or localhost)."""

from __future__ import annotations

import datetime as dt
import io
import ipaddress
from pathlib import Path

import psutil
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def lan_address() -> str:
    """This machine's first private IPv4 address (read from the interfaces; no traffic is sent)."""
    for addrs in psutil.net_if_addrs().values():
        for addr in addrs:
            if addr.family.name == "AF_INET":
                ip = ipaddress.ip_address(addr.address)
                if ip.is_private and not ip.is_loopback:
                    return str(ip)
    return "127.0.0.1"


def self_signed(directory: Path, host: str) -> tuple[Path, Path]:
    """A certificate + key for ``host`` (reused while it is valid and names the same host)."""
    directory.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = directory / f"selfsigned-{host}.pem", directory / f"selfsigned-{host}.key"
    if cert_path.exists() and key_path.exists():
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        if cert.not_valid_after_utc > dt.datetime.now(dt.UTC) + dt.timedelta(days=7):
            return cert_path, key_path
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"assistant {host}")])
    alt: list[x509.GeneralName] = [x509.DNSName("localhost")]
    try:
        alt.append(x509.IPAddress(ipaddress.ip_address(host)))
    except ValueError:
        alt.append(x509.DNSName(host))
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.SubjectAlternativeName(alt), critical=False)
        .sign(key, hashes.SHA256())
    )
    tmp_key = key_path.with_suffix(".tmp")
    tmp_key.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    tmp_key.chmod(0o600)
    tmp_key.replace(key_path)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return cert_path, key_path


def terminal_qr(text: str) -> str:
    import qrcode

    qr = qrcode.QRCode(border=1)
    qr.add_data(text)
    qr.make(fit=True)
    out = io.StringIO()
    qr.print_ascii(out=out, invert=True)
    return out.getvalue()

"""Sans-I/O codecs: bytes to typed SRV models and back, nothing else."""

from s1sr.codecs.errors import CodecError

__all__ = ["CodecError"]

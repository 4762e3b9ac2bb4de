// Entry of the elliptic bundle inside the liner file: webcrypto-liner's shim reads `self.elliptic`.
import elliptic from 'elliptic';

self.elliptic = elliptic;

// The test kit's public surface; filled by the packages that share fakes.
export {};

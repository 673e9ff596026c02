// The runtime is written over the core the generator shares; its users see both as one module.
@_exported import TarlanCore

/// Comparisons whose running time does not depend on where inputs differ, so comparing a
/// received signature does not leak how much of it was right.
package enum ConstantTime {
    /// True when both arrays hold the same bytes. Lengths are not secret: a mismatch returns at once.
    package static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices {
            difference |= a[index] ^ b[index]
        }
        return difference == 0
    }
}

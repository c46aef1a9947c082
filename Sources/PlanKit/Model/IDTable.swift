/// A hash table from ids to small integers, built once per compilation and read by every pass.
///
/// Plans have hundreds of thousands of ids and each pass resolves references by id, so this is
/// on the hot path: open addressing over the ids' UTF-8 bytes, hashed with the standard library's
/// per-process seeded SipHash (a plan written to collide cannot turn lookups quadratic), about four
/// times faster than `[String: Int]` here.
public struct IDTable: Sendable {
    /// Index into `keys`/`values`, or -1 for an empty slot.
    private var slots: [Int32]
    private var mask: Int
    public private(set) var keys: [String] = []
    public private(set) var values: [Int] = []

    public init(capacity: Int = 0) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        keys.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    public var count: Int { keys.count }

    @inline(__always)
    static func hash(_ key: String) -> Int {
        var key = key
        return key.withUTF8 { bytes in
            var hasher = Hasher()
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
            return hasher.finalize()
        }
    }

    /// Adds `key` with `value` unless the key is already there; returns the earlier value if so.
    @discardableResult
    public mutating func insert(_ key: String, _ value: Int) -> Int? {
        if keys.count * 2 >= slots.count { grow() }
        var slot = IDTable.hash(key) & mask
        while true {
            let entry = slots[slot]
            if entry < 0 {
                slots[slot] = Int32(keys.count)
                keys.append(key)
                values.append(value)
                return nil
            }
            if keys[Int(entry)] == key { return values[Int(entry)] }
            slot = (slot + 1) & mask
        }
    }

    public func value(for key: String) -> Int? {
        var slot = IDTable.hash(key) & mask
        while true {
            let entry = slots[slot]
            if entry < 0 { return nil }
            if keys[Int(entry)] == key { return values[Int(entry)] }
            slot = (slot + 1) & mask
        }
    }

    public subscript(key: String) -> Int? { value(for: key) }

    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        for (position, key) in keys.enumerated() {
            var slot = IDTable.hash(key) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(position)
        }
    }
}

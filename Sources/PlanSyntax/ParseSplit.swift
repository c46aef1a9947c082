#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a large document can be parsed as two parts at once: the middle run `start..<end` of the
/// items of one long block sequence (a plan's task list), and the rest around it.
///
/// libyaml is a sequential parser, and its parse of the file is the floor of planc's cost. A block
/// sequence's items, though, are independent text: the lines from one item's `- ` to a later
/// item's `- ` at the same column parse on their own as a sequence at that column, giving the same
/// events the whole file gives there; and the file with those lines cut out parses as the same
/// document with those items missing. So one thread parses the middle and another the rest, and
/// the tree builder splices the middle's items in where they belong (see `YAMLLoader.loadSplit`).
///
/// This type only *proposes* a split from the shape of the lines, cheaply. Whether it holds is
/// checked against what libyaml actually reports on both sides (a `- ` line inside a quoted
/// scalar or a flow collection looks like an item, but is not one); a split that does not hold
/// is abandoned and the file parsed whole, so the result never depends on the guess.
struct ParseSplit: Equatable, Sendable {
    /// The items' column (0-based; the `-` of each item).
    var column: Int
    /// Byte offset of the line of the first item parsed on its own, and its 0-based line.
    var start: Int
    var startLine: Int
    /// Byte offset of the line of the first item after them, and its 0-based line.
    var end: Int
    var endLine: Int

    /// The best split of `bytes`, or nil when no block sequence spans enough of the file to pay.
    static func find(in bytes: UnsafeBufferPointer<UInt8>) -> ParseSplit? {
        guard let base = bytes.baseAddress, bytes.count > 0, countsLinesAsLibYAMLDoes(bytes) else { return nil }
        let count = bytes.count

        // One pass over the lines finds every run of same-column `- ` lines that no less indented
        // line interrupts: the items of one block sequence, as far as indentation tells.
        struct Run {
            var column: Int
            var items = 1
            var second = 0, secondLine = 0
            var last: Int, lastLine: Int
        }
        var best: (run: Run, cost: Int)?
        func consider(_ run: Run) {
            guard run.items >= 3 else { return }
            // One thread parses [0, start) and [last, end of file); the other [start, last). The
            // first must wait for the second before it goes on past `start`, so the cost is about
            // max(start, last - start) + (count - last), in bytes.
            let start = max(run.second, run.last / 2)
            let cost = max(start, run.last - start) + (count - run.last)
            if best == nil || cost < best!.cost { best = (run, cost) }
        }
        var stack: [Run] = []
        var offset = 0, line = 0
        while offset < count {
            var first = offset
            while first < count, base[first] == 0x20 { first += 1 }
            let lineEnd = Self.lineEnd(base, from: first, count: count)
            if first < count, base[first] != 0x0A, base[first] != 0x0D, base[first] != 0x23 {  // not blank, not a comment
                let column = first - offset
                let isItem = Self.isItemMark(base, at: first, count: count)
                while let top = stack.last, top.column > column || (top.column == column && !isItem) {
                    consider(stack.removeLast())
                }
                if isItem {
                    if stack.last?.column == column {
                        stack[stack.count - 1].items += 1
                        if stack[stack.count - 1].items == 2 {
                            stack[stack.count - 1].second = offset
                            stack[stack.count - 1].secondLine = line
                        }
                        stack[stack.count - 1].last = offset
                        stack[stack.count - 1].lastLine = line
                    } else {
                        stack.append(Run(column: column, last: offset, lastLine: line))
                    }
                }
            }
            offset = lineEnd + 1
            line += 1
        }
        while let run = stack.popLast() { consider(run) }
        // Worth a second thread only when it takes a good share of the work.
        guard let (run, cost) = best, cost * 5 < count * 4 else { return nil }

        // The item line nearest after the middle of [0, last), counting lines from the second item.
        let target = max(run.second, run.last / 2)
        offset = run.second
        line = run.secondLine
        while offset < target || !Self.isItemLine(base, at: offset, column: run.column, count: count) {
            offset = Self.lineEnd(base, from: offset, count: count) + 1
            line += 1
        }
        if offset >= run.last {
            offset = run.second
            line = run.secondLine
        }
        guard offset < run.last else { return nil }
        return ParseSplit(column: run.column, start: offset, startLine: line, end: run.last, endLine: run.lastLine)
    }

    /// libyaml also breaks lines at a lone CR and at U+0085, U+2028 and U+2029; then its line
    /// numbers are not the count of LFs, and a split is not tried.
    static func countsLinesAsLibYAMLDoes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        func occurrences(of byte: UInt8, _ body: (Int) -> Bool) -> Bool {
            var from = 0
            while from < count, let found = memchr(base + from, Int32(byte), count - from) {
                let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if !body(index) { return false }
                from = index + 1
            }
            return true
        }
        return occurrences(of: 0x0D) { $0 + 1 < count && base[$0 + 1] == 0x0A }
            && occurrences(of: 0xC2) { !($0 + 1 < count && base[$0 + 1] == 0x85) }
            && occurrences(of: 0xE2) { !($0 + 2 < count && base[$0 + 1] == 0x80 && (base[$0 + 2] == 0xA8 || base[$0 + 2] == 0xA9)) }
    }

    /// The index of the LF that ends the line holding `from`, or `count`.
    static func lineEnd(_ base: UnsafePointer<UInt8>, from: Int, count: Int) -> Int {
        guard from < count, let found = memchr(base + from, 0x0A, count - from) else { return count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// `-` followed by a blank: a block sequence entry, when it starts a line in block context.
    static func isItemMark(_ base: UnsafePointer<UInt8>, at index: Int, count: Int) -> Bool {
        guard base[index] == 0x2D else { return false }
        guard index + 1 < count else { return true }
        let next = base[index + 1]
        return next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D
    }

    /// A line of exactly `column` spaces and an item mark.
    static func isItemLine(_ base: UnsafePointer<UInt8>, at offset: Int, column: Int, count: Int) -> Bool {
        guard offset + column < count else { return false }
        for index in offset..<(offset + column) where base[index] != 0x20 { return false }
        return isItemMark(base, at: offset + column, count: count)
    }
}

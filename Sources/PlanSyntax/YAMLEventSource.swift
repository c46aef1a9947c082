import CYAML
import Dispatch

/// One libyaml event, copied out of libyaml's structures so that another thread can read it.
struct YAMLEvent {
    var type: yaml_event_type_t
    var start: yaml_mark_t
    var end: yaml_mark_t
    /// A scalar's text: `valueLength` bytes at `valueStart` in its chunk's `text`.
    var valueStart = 0
    var valueLength = 0
    var style = YAML_ANY_SCALAR_STYLE
    /// A sequence or mapping written in flow style (`[...]`, `{...}`).
    var isFlow = false
    var anchor: String?
    var tag: String?

    /// The fields of a libyaml event; a scalar's text is the caller's to keep, at `valueStart`.
    init(_ event: yaml_event_t, valueStart: Int) {
        type = event.type
        start = event.start_mark
        end = event.end_mark
        switch event.type {
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            self.valueStart = valueStart
            valueLength = Int(data.length)
            style = data.style
            anchor = data.anchor.map(YAMLEvent.string)
            tag = data.tag.map(YAMLEvent.string)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            isFlow = data.style == YAML_FLOW_SEQUENCE_STYLE
            anchor = data.anchor.map(YAMLEvent.string)
            tag = data.tag.map(YAMLEvent.string)
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            isFlow = data.style == YAML_FLOW_MAPPING_STYLE
            anchor = data.anchor.map(YAMLEvent.string)
            tag = data.tag.map(YAMLEvent.string)
        case YAML_ALIAS_EVENT:
            anchor = event.data.alias.anchor.map(YAMLEvent.string)
        default:
            break
        }
    }

    /// A scalar's text, straight from libyaml's event (valid until the event is deleted).
    static func text(of event: yaml_event_t) -> UnsafeBufferPointer<UInt8> {
        guard event.type == YAML_SCALAR_EVENT, let value = event.data.scalar.value else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: value, count: Int(event.data.scalar.length))
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>) -> String {
        String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }
}

/// Why libyaml stopped: the parser's error fields, copied.
struct YAMLParserFailure {
    var error: yaml_error_type_t
    var problem: String?
    var problemOffset: Int
    var problemMark: yaml_mark_t
    var context: String?
    var contextMark: yaml_mark_t
}

/// A run of events; the last chunk of a document ends with the stream end or a failure.
struct YAMLEventChunk {
    var events: [YAMLEvent] = []
    /// The scalars' UTF-8 text, end to end. The builder makes the Strings: the parser thread is
    /// the busier one.
    var text: [UInt8] = []
    var failure: YAMLParserFailure?
    var isLast = false
}

/// libyaml's event stream over a buffer, in chunks. For a large file the parser runs on a second
/// thread, a few chunks ahead of the tree builder: libyaml's own parse is the floor of planc's
/// cost, and this way building the document costs little on top of it. A small file is parsed on
/// the calling thread. Either way the events and their order are the same.
final class YAMLEventSource: @unchecked Sendable {
    static let chunkSize = 2048
    static let slotCount = 4

    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private var initialized = false
    private let threaded: Bool
    private var done = false
    private var closed = false
    // The ring of chunks between the threads: `free` counts empty slots, `full` filled ones.
    private let slots: UnsafeMutablePointer<YAMLEventChunk?>
    private var readSlot = 0
    private let free = DispatchSemaphore(value: YAMLEventSource.slotCount)
    private let full = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    // Set by the builder when it gives up; read by the parser thread once per chunk.
    private let cancelLock = DispatchQueue(label: "planc.yaml-event-source")
    private var cancelRequested = false
    private var isCancelled: Bool { cancelLock.sync { cancelRequested } }

    /// `buffer` must outlive the source; `close()` returns only once libyaml has let go of it.
    init(buffer: UnsafeBufferPointer<UInt8>, threaded: Bool) {
        parser = .allocate(capacity: 1)
        parser.initialize(to: yaml_parser_t())
        slots = .allocate(capacity: YAMLEventSource.slotCount)
        slots.initialize(repeating: nil, count: YAMLEventSource.slotCount)
        initialized = yaml_parser_initialize(parser) == 1
        self.threaded = threaded && initialized
        guard initialized else { return }
        yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
        if self.threaded {
            DispatchQueue.global(qos: .userInitiated).async { [self] in
                var writeSlot = 0
                while true {
                    let chunk = isCancelled ? YAMLEventChunk(isLast: true) : produce()
                    free.wait()
                    slots[writeSlot] = chunk
                    writeSlot = (writeSlot + 1) % YAMLEventSource.slotCount
                    full.signal()
                    if chunk.isLast { break }
                }
                finished.signal()
            }
        }
    }

    deinit {
        close()
        if initialized { yaml_parser_delete(parser) }
        parser.deinitialize(count: 1)
        parser.deallocate()
        slots.deinitialize(count: YAMLEventSource.slotCount)
        slots.deallocate()
    }

    /// The next chunk, or nil after the last.
    func next() -> YAMLEventChunk? {
        guard !done else { return nil }
        guard initialized else {
            done = true
            return YAMLEventChunk(isLast: true)
        }
        let chunk: YAMLEventChunk
        if threaded {
            full.wait()
            chunk = slots[readSlot]!
            slots[readSlot] = nil
            readSlot = (readSlot + 1) % YAMLEventSource.slotCount
            free.signal()
        } else {
            chunk = produce()
        }
        if chunk.isLast { done = true }
        return chunk
    }

    /// Stops the parser thread early (the builder gave up) and waits until it has stopped.
    func close() {
        guard threaded, !closed else { return }
        closed = true
        cancelLock.sync { cancelRequested = true }
        while next() != nil {}
        finished.wait()
    }

    /// Parses up to `chunkSize` events.
    private func produce() -> YAMLEventChunk {
        var chunk = YAMLEventChunk()
        chunk.events.reserveCapacity(YAMLEventSource.chunkSize)
        chunk.text.reserveCapacity(YAMLEventSource.chunkSize * 8)
        while chunk.events.count < YAMLEventSource.chunkSize {
            var event = yaml_event_t()
            guard yaml_parser_parse(parser, &event) == 1 else {
                let state = parser.pointee
                chunk.failure = YAMLParserFailure(
                    error: state.error, problem: state.problem.map { String(cString: $0) },
                    problemOffset: Int(state.problem_offset), problemMark: state.problem_mark,
                    context: state.context.map { String(cString: $0) }, contextMark: state.context_mark)
                chunk.isLast = true
                return chunk
            }
            defer { yaml_event_delete(&event) }
            let copy = YAMLEvent(event, valueStart: chunk.text.count)
            chunk.text.append(contentsOf: YAMLEvent.text(of: event))
            chunk.events.append(copy)
            if event.type == YAML_STREAM_END_EVENT {
                chunk.isLast = true
                break
            }
        }
        return chunk
    }
}

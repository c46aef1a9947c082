/// The MSPDI elements planc reads, by name; every other element is `.other` (it matches no path
/// planc looks for). Element paths are arrays of these, so that matching one costs no string
/// comparison.
enum MSPDIElement: UInt8, CaseIterable, Sendable {
    case other
    case Project, Name, Title, StartDate, StatusDate, MinutesPerDay, CalendarUID, DefaultStartTime, DefaultFinishTime
    case ExtendedAttributes, ExtendedAttribute, FieldID, FieldName, Alias, Value
    case Calendars, Calendar, UID, IsBaseCalendar, BaseCalendarUID, WeekDays, WeekDay, DayType, DayWorking
    case TimePeriod, FromDate, ToDate, Exceptions, Exception, `Type`, Occurrences, WorkWeeks
    case Tasks, Task, OutlineLevel, Summary, Milestone, Active, IsNull, Manual, LevelingDelay, Duration, DurationFormat
    case Start, Finish, ConstraintType, ConstraintDate, Deadline, PercentComplete, ActualStart, ActualFinish, Priority, Notes
    case PredecessorLink, PredecessorUID, LinkLag, LagFormat, CrossProject
    case Resources, Resource, MaxUnits, CanLevel, AvailabilityPeriods, AvailabilityPeriod, AvailableFrom, AvailableTo, AvailableUnits
    case Assignments, Assignment, TaskUID, ResourceUID, Units

    static let byName: [String: MSPDIElement] = Dictionary(uniqueKeysWithValues: allCases.dropFirst().map { ("\($0)", $0) })

    init(name: String) { self = Self.byName[name] ?? .other }
}

/// The text of an element as the reader found it (entities decoded, CDATA included, line ends
/// as `\n`), and what `MSPDIBuilder` reads from it: the text trimmed, as a number, as a flag.
/// `MSPDIScanner` hands over bytes and a String is made only for the elements planc keeps.
protocol MSPDIText {
    /// As written (notes keep their own line breaks and spacing).
    var raw: String { get }
    /// Without leading and trailing white space.
    var value: String { get }
    /// `Int(value)`.
    var number: Int? { get }
    /// `value` is `1` or `true`.
    var flag: Bool { get }
}

extension String: MSPDIText {
    var raw: String { self }
    var value: String { trimmingCharacters(in: .whitespacesAndNewlines) }
    var number: Int? { Int(value) }
    var flag: Bool { let value = self.value; return value == "1" || value == "true" }
}

/// MSPDI's elements into an `MSPDIProject`, one start and end at a time, whichever reader found
/// them (`MSPDIScanner`, or XMLParser's callbacks in `MSPDIReader`): the one place that says
/// which element path means what.
struct MSPDIBuilder {
    var project = MSPDIProject()
    var path: [MSPDIElement] = []
    var calendar: MSPDIProject.Calendar?
    var weekDay: MSPDIProject.WeekDay?
    var exception: MSPDIProject.Exception?
    var task: MSPDIProject.Task?
    var link: MSPDIProject.Link?
    var resource: MSPDIProject.Resource?
    var availability: MSPDIProject.Availability?
    var assignment: MSPDIProject.Assignment?
    /// The project's and a resource's custom fields (`ExtendedAttribute`), being read.
    var attribute = (fieldID: String?(nil), fieldName: String?(nil), alias: String?(nil), value: String?(nil))

    static let calendarPath: [MSPDIElement] = [.Project, .Calendars, .Calendar]
    static let weekDayPath = calendarPath + [.WeekDays, .WeekDay]
    static let exceptionPath = calendarPath + [.Exceptions, .Exception]
    static let taskPath: [MSPDIElement] = [.Project, .Tasks, .Task]
    static let linkPath = taskPath + [.PredecessorLink]
    static let resourcePath: [MSPDIElement] = [.Project, .Resources, .Resource]
    static let assignmentPath: [MSPDIElement] = [.Project, .Assignments, .Assignment]
    static let projectAttributePath: [MSPDIElement] = [.Project, .ExtendedAttributes, .ExtendedAttribute]

    /// A start tag: `line` and `column` where the tag starts (MSPDI's tags have no attributes
    /// but the root's).
    mutating func start(_ element: MSPDIElement, line: Int, column: Int) {
        path.append(element)
        switch path.count {
        case 3:
            if path == Self.calendarPath {
                calendar = MSPDIProject.Calendar(line: line)
            } else if path == Self.taskPath {
                task = MSPDIProject.Task(line: line, column: column)
            } else if path == Self.resourcePath {
                resource = MSPDIProject.Resource(line: line, column: column)
            } else if path == Self.assignmentPath {
                assignment = MSPDIProject.Assignment(line: line, column: column)
            } else if path == Self.projectAttributePath {
                attribute = (nil, nil, nil, nil)
            }
        case 4:
            if path[1] == .Calendars, path[3] == .WorkWeeks, isUnder(Self.calendarPath, extra: 1) {
                calendar?.hasWorkWeeks = true
            } else if path[3] == .PredecessorLink, isUnder(Self.taskPath, extra: 1) {
                link = MSPDIProject.Link(line: line, column: column)
            } else if path[3] == .ExtendedAttribute, isUnder(Self.resourcePath, extra: 1) {
                attribute = (nil, nil, nil, nil)
            }
        case 5:
            if path == Self.weekDayPath {
                weekDay = MSPDIProject.WeekDay(line: line)
            } else if path == Self.exceptionPath {
                exception = MSPDIProject.Exception(line: line, column: column)
            } else if path == [.Project, .Resources, .Resource, .AvailabilityPeriods, .AvailabilityPeriod] {
                availability = MSPDIProject.Availability(line: line)
            }
        default:
            break
        }
    }

    /// An end tag, with the element's text (after its last child, if it has children).
    mutating func end(_ text: some MSPDIText) {
        switch path.count {
        case 2 where path[0] == .Project:
            switch path[1] {
            case .Name: project.name = text.value
            case .Title: project.title = text.value
            case .StartDate: project.startDate = text.value
            case .StatusDate: project.statusDate = text.value
            case .MinutesPerDay: project.minutesPerDay = text.number
            case .CalendarUID: project.calendarUID = text.number
            case .DefaultStartTime: project.defaultStartTime = text.value
            case .DefaultFinishTime: project.defaultFinishTime = text.value
            default: break
            }
        default:
            endNested(text)
        }
        path.removeLast()
    }

    /// `path` starts with `prefix` and has `extra` more names.
    func isUnder(_ prefix: [MSPDIElement], extra: Int) -> Bool {
        guard path.count == prefix.count + extra else { return false }
        for index in prefix.indices where path[index] != prefix[index] { return false }
        return true
    }

    mutating func endNested(_ text: some MSPDIText) {
        let calendarPath = Self.calendarPath
        // Tasks first: they are most of the file.
        if path.count >= 3, path[1] == .Tasks {
            endTaskElement(text)
            return
        }
        if path.count >= 3, path[1] == .Resources || path[1] == .Assignments {
            endResourceElement(text)
            return
        }
        if path.count >= 3, path[1] == .ExtendedAttributes {
            endAttributeElement(text, resource: false)
            return
        }
        if path == calendarPath, let done = calendar {
            project.calendars.append(done)
            calendar = nil
        } else if isUnder(calendarPath, extra: 1) {
            switch path[3] {
            case .UID: calendar?.uid = text.number
            case .Name: calendar?.name = text.value
            case .IsBaseCalendar: calendar?.isBaseCalendar = text.flag
            case .BaseCalendarUID: calendar?.baseCalendarUID = text.number
            default: break
            }
        } else if path == Self.weekDayPath, let done = weekDay {
            calendar?.weekDays.append(done)
            weekDay = nil
        } else if path.count == 6 || path.count == 7, isUnder(Self.weekDayPath, extra: path.count - 5) {
            switch (path[5], path.count == 7 ? path[6] : nil) {
            case (.DayType, nil): weekDay?.dayType = text.number
            case (.DayWorking, nil): weekDay?.dayWorking = text.flag
            case (.TimePeriod, .FromDate?): weekDay?.from = text.value
            case (.TimePeriod, .ToDate?): weekDay?.to = text.value
            default: break
            }
        } else if path == Self.exceptionPath, let done = exception {
            calendar?.exceptions.append(done)
            exception = nil
        } else if path.count == 6 || path.count == 7, isUnder(Self.exceptionPath, extra: path.count - 5) {
            switch (path[5], path.count == 7 ? path[6] : nil) {
            case (.TimePeriod, .FromDate?): exception?.from = text.value
            case (.TimePeriod, .ToDate?): exception?.to = text.value
            case (.Name, nil): exception?.name = text.value
            case (.DayWorking, nil): exception?.dayWorking = text.flag
            case (.Type, nil): exception?.type = text.number
            case (.Occurrences, nil): exception?.occurrences = text.number
            default: break
            }
        }
    }

    mutating func endTaskElement(_ text: some MSPDIText) {
        if path == Self.taskPath, let done = task {
            project.tasks.append(done)
            task = nil
        } else if isUnder(Self.taskPath, extra: 1) {
            switch path[3] {
            case .UID: task?.uid = text.number
            case .Name: task?.name = text.value
            case .OutlineLevel: task?.outlineLevel = text.number
            case .Summary: task?.summary = text.flag
            case .Milestone: task?.milestone = text.flag
            case .Active: task?.active = text.flag
            case .IsNull: task?.isNull = text.flag
            case .Manual: task?.manual = text.flag
            case .LevelingDelay: task?.levelingDelay = text.number
            case .Duration: task?.duration = text.value
            case .DurationFormat: task?.durationFormat = text.number
            case .Start: task?.start = text.value
            case .Finish: task?.finish = text.value
            case .ConstraintType: task?.constraintType = text.number
            case .ConstraintDate: task?.constraintDate = text.value
            case .Deadline: task?.deadline = text.value
            case .PercentComplete: task?.percentComplete = text.number
            case .ActualStart: task?.actualStart = text.value
            case .ActualFinish: task?.actualFinish = text.value
            case .CalendarUID: task?.calendarUID = text.number
            case .Priority: task?.priority = text.number
            // Notes keep their own line breaks and spacing.
            case .Notes: task?.notes = text.raw
            case .PredecessorLink:
                if let done = link { task?.links.append(done) }
                link = nil
            default: break
            }
        } else if isUnder(Self.linkPath, extra: 1) {
            switch path[4] {
            case .PredecessorUID: link?.predecessorUID = text.number
            case .Type: link?.type = text.number
            case .LinkLag: link?.lag = text.number
            case .LagFormat: link?.lagFormat = text.number
            case .CrossProject: link?.crossProject = text.flag
            default: break
            }
        }
    }

    mutating func endResourceElement(_ text: some MSPDIText) {
        if path == Self.resourcePath, let done = resource {
            project.resources.append(done)
            resource = nil
        } else if path.count == 4, path[1] == .Resources {
            switch path[3] {
            case .UID: resource?.uid = text.number
            case .Name: resource?.name = text.value
            case .Type: resource?.type = text.number
            case .IsNull: resource?.isNull = text.flag
            case .MaxUnits: resource?.maxUnits = text.value
            case .CanLevel: resource?.canLevel = text.flag
            case .CalendarUID: resource?.calendarUID = text.number
            case .Notes: resource?.notes = text.raw
            case .ExtendedAttribute:
                if path[2] == .Resource, let fieldID = attribute.fieldID, let value = attribute.value {
                    resource?.customFields[fieldID] = value
                }
            default: break
            }
        } else if path.count == 5, path[1] == .Resources, path[2] == .Resource, path[3] == .ExtendedAttribute {
            endAttributeElement(text, resource: true)
        } else if path.count == 5, path[1] == .Resources, path[4] == .AvailabilityPeriod, let done = availability {
            resource?.availability.append(done)
            availability = nil
        } else if path.count == 6, path[1] == .Resources, path[4] == .AvailabilityPeriod {
            switch path[5] {
            case .AvailableFrom: availability?.from = text.value
            case .AvailableTo: availability?.to = text.value
            case .AvailableUnits: availability?.units = text.value
            default: break
            }
        } else if path == Self.assignmentPath, let done = assignment {
            project.assignments.append(done)
            assignment = nil
        } else if path.count == 4, path[1] == .Assignments {
            switch path[3] {
            case .TaskUID: assignment?.taskUID = text.number
            case .ResourceUID: assignment?.resourceUID = text.number
            case .Units: assignment?.units = text.value
            default: break
            }
        }
    }

    /// A custom field: its definition under the project's `ExtendedAttributes` (field id, name
    /// and alias), its value under a resource.
    mutating func endAttributeElement(_ text: some MSPDIText, resource isResource: Bool) {
        if !isResource, path == Self.projectAttributePath {
            if let fieldID = attribute.fieldID {
                project.customFields.append(.init(fieldID: fieldID, fieldName: attribute.fieldName, alias: attribute.alias))
            }
            return
        }
        guard path.count == (isResource ? 5 : 4), path[path.count - 2] == .ExtendedAttribute else { return }
        switch path[path.count - 1] {
        case .FieldID: attribute.fieldID = text.value
        case .FieldName where !isResource: attribute.fieldName = text.value
        case .Alias where !isResource: attribute.alias = text.value
        case .Value where isResource: attribute.value = text.raw
        default: break
        }
    }
}

// The fuzz build compiles the readers' sources on their own, without PollNumerics. The error
// type names two constants of LeadInterval in a message the readers never produce; these stand-ins
// let it compile here and are not part of the library.
enum LeadInterval {
    static let tailDraws = 0
    static let maximumDraws = 0
}

import FluentKit
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import PalermoCore
import PalermoStore

/// A migrated in-memory SQLite database through FluentKit alone, with one organisation in Kenya.
final class InMemoryStore {
    let threads = NIOThreadPool(numberOfThreads: 1)
    let databases: Databases
    let database: any Database
    let organisation: OrganisationModel

    init() async throws {
        threads.start()
        databases = Databases(threadPool: threads, on: MultiThreadedEventLoopGroup.singleton)
        databases.use(.sqlite(.memory), as: .sqlite)
        database = databases.database(logger: Logger(label: "test"), on: MultiThreadedEventLoopGroup.singleton.any())!
        for migration in StoreMigrations.all { try await migration.prepare(on: database).get() }
        organisation = OrganisationModel(name: "A", kind: "ngo", country: "KEN")
        try await organisation.create(on: database)
    }

    func store(_ keys: KeyRing) -> Store {
        Store(database: database, cipher: FieldCipher(keys: keys), isPostgres: false)
    }

    var supervisor: Principal {
        Principal(userID: UUID(), username: "a", organisationID: organisation.id!, role: .supervisor)
    }

    func shutdown() async throws {
        await databases.shutdownAsync()
        try await threads.shutdownGracefully()
    }
}

/// The standard minimum core of a case, which tests about something else add to their fields.
enum CaseCoreFixture {
    static let fields: [String: FieldValue?] = [
        "prs_Gender": .text("Feminine"), "prs_AgeGroup": .text("Adult"), "prs_Citizenship": .text("KEN"),
        "cas_IdentificationDate": .text("2025-03-01"),
    ]

    static func with(_ extra: [String: FieldValue?]) -> [String: FieldValue?] {
        fields.merging(extra) { _, given in given }
    }
}

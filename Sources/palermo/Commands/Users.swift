import ArgumentParser
import Fluent
import Foundation
import PalermoCore
import PalermoServer
import PalermoStore
import Vapor

struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create users and reset passwords.",
                                                    subcommands: [Create.self, ResetPassword.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user. The password is read from $PALERMO_PASSWORD or standard input.")
        @OptionGroup var store: StoreOptions
        @ArgumentParser.Option(help: "Username (letters, digits, . _ -).") var username: String
        @ArgumentParser.Option(help: "Name shown in the interface.") var displayName: String?
        @ArgumentParser.Option(help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String
        @ArgumentParser.Option(help: "Name of the user's organisation.") var organisation: String

        func run() async throws {
            let password = try readPassword()
            try await store.makeApplication().run { app in
                guard let org = try await OrganisationModel.query(on: app.palermo.store.database).filter(\.$name == organisation).first() else {
                    throw ValidationError("no organisation named '\(organisation)'")
                }
                let user = try await UserAccounts.create(username: username, displayName: displayName ?? username, role: role,
                                                         password: password, organisationID: org.id!, allowSystemAdmin: true, app: app)
                print("Created \(user.username) (\(user.role)) in \(org.name).")
            }
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a new password and unlock the account. Reads it from $PALERMO_PASSWORD or standard input.")
        @OptionGroup var store: StoreOptions
        @ArgumentParser.Option(help: "Username.") var username: String

        func run() async throws {
            let password = try readPassword()
            try await store.makeApplication().run { app in
                try await UserAccounts.resetPassword(username: username, password: password, app: app)
                print("The password of \(username) was reset and the account unlocked.")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users with their roles and organisations.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.makeApplication().run { app in
                for user in try await UserModel.query(on: app.palermo.store.database).with(\.$organisation).sort(\.$username).all() {
                    print("\(user.username)\t\(user.role)\t\(user.organisation.name)\(user.lockedUntil.map { $0 > Date() ? "\tlocked" : "" } ?? "")")
                }
            }
        }
    }
}

/// Passwords never go on the command line, where `ps` and shell history would show them.
func readPassword() throws -> String {
    if let password = ProcessInfo.processInfo.environment["PALERMO_PASSWORD"], !password.isEmpty { return password }
    FileHandle.standardError.write(Data("Password: ".utf8))
    guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw ValidationError("no password given") }
    return line
}

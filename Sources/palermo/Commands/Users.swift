import ArgumentParser
import Fluent
import Foundation
import PalermoCore
import PalermoServer
import PalermoStore
import Vapor

struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create users and reset passwords.",
        subcommands: [Create.self, ResetPassword.self, Change.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user. The password is read from $PALERMO_PASSWORD or standard input.")
        @OptionGroup var store: StoreOptions
        @ArgumentParser.Option(help: "Username (letters, digits, . _ -).") var username: String
        @ArgumentParser.Option(help: "Name shown in the interface.") var displayName: String?
        @ArgumentParser.Option(help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role:
            String
        @ArgumentParser.Option(help: "Name of the user's organisation.") var organisation: String

        func run() async throws {
            let password = try readPassword()
            try await store.makeApplication().run { app in
                guard
                    let org = try await OrganisationModel.query(on: app.palermo.store.database).filter(
                        \.$name == organisation
                    ).first()
                else {
                    throw ValidationError("no organisation named '\(organisation)'")
                }
                let user = try await UserAccounts.create(
                    username: username, displayName: displayName ?? username, role: role,
                    password: password, organisationID: org.id!, allowSystemAdmin: true, app: app)
                print("Created \(user.username) (\(user.role)) in \(org.name).")
            }
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a new password and unlock the account. Reads it from $PALERMO_PASSWORD or standard input.")
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

    struct Change: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Change a user's role, or disable or enable the account. Either ends the user's sessions and API tokens."
        )
        @OptionGroup var store: StoreOptions
        @ArgumentParser.Option(help: "Username.") var username: String
        @ArgumentParser.Option(help: "The new role.") var role: String?
        @ArgumentParser.Flag(help: "Disable the account, or enable it again.") var disabled: Disabling?

        enum Disabling: EnumerableFlag { case disable, enable }

        func run() async throws {
            guard role != nil || disabled != nil else { throw ValidationError("give --role, --disable or --enable") }
            try await store.makeApplication().run { app in
                let db = app.palermo.store.database
                guard
                    let id = try await UserModel.query(on: db).filter(\.$username == username.lowercased()).first()?.id
                else {
                    throw ValidationError("no user '\(username)'")
                }
                let user = try await UserAccounts.change(
                    userID: id, UserChange(role: role, disabled: disabled.map { $0 == .disable }),
                    by: nil, app: app)
                print("\(user.username): \(user.role)\(user.disabledAt == nil ? "" : ", disabled").")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users with their roles and organisations.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.makeApplication().run { app in
                for user in try await UserModel.query(on: app.palermo.store.database).with(\.$organisation).sort(
                    \.$username
                ).all() {
                    let state =
                        user.disabledAt != nil
                        ? "\tdisabled" : (user.lockedUntil.map { $0 > Date() ? "\tlocked" : "" } ?? "")
                    print("\(user.username)\t\(user.role)\t\(user.organisation.name)\(state)")
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

import PalermoCore
import Vapor

/// bcrypt on the bounded hashing pool (see `WorkLimiter`), with long passwords pre-hashed
/// (`PasswordPolicy.bcryptInput`) so that no byte past the 72nd is silently ignored.
enum PasswordHashing {
    static func hash(_ password: String, app: Application) async throws -> String {
        let input = PasswordPolicy.bcryptInput(password), cost = app.palermo.config.passwordCost
        return try await app.palermo.hashing.run { try Bcrypt.hash(input, cost: cost) }
    }

    static func verify(_ password: String, hash: String, app: Application) async throws -> Bool {
        let input = PasswordPolicy.bcryptInput(password)
        return try await app.palermo.hashing.run { (try? Bcrypt.verify(input, created: hash)) ?? false }
    }
}

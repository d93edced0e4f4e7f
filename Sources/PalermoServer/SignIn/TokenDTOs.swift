import Foundation
import PalermoCore
import PalermoStore
import Vapor

struct TokenRequest: Content {
    let username: String
    let password: String
    let name: String?
}

struct TokenResponse: Content {
    let token: String
    let expiresAt: Date
}

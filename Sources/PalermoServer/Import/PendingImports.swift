import Foundation
import NIOConcurrencyHelpers
import PalermoCore

/// Uploaded files waiting for their supervisor to confirm the preview. Held in memory for half an hour, one
/// per user (a new upload replaces the last), the token known only to the page that showed the preview.
/// A restart forgets them: the supervisor uploads again. On several servers, the confirm must reach the
/// server that made the preview (sticky sessions), which Palermo's deployments have.
final class PendingImports: Sendable {
    struct Upload: Sendable {
        let token: String
        let filename: String
        let data: Data
        let at: Date
    }

    private let uploads = NIOLockedValueBox<[UUID: Upload]>([:])
    static let lifetime: TimeInterval = 30 * 60

    func keep(_ data: Data, filename: String, for userID: UUID) -> String {
        let token = Secrets.random(bytes: 24).base64EncodedString()
        let now = Date()
        uploads.withLockedValue { all in
            all = all.filter { now.timeIntervalSince($0.value.at) < Self.lifetime }
            all[userID] = Upload(token: token, filename: filename, data: data, at: now)
        }
        return token
    }

    /// The user's upload with this token, taken away: a confirmation is used once.
    func take(_ token: String, for userID: UUID) -> Upload? {
        uploads.withLockedValue { all in
            guard let upload = all[userID], upload.token == token,
                Date().timeIntervalSince(upload.at) < Self.lifetime
            else { return nil }
            all[userID] = nil
            return upload
        }
    }
}

import Foundation
import PalermoCore
import PalermoIO
import PalermoStore
import Vapor

/// Turns every failure into a clear response: JSON for the API, a page for the browser. Validation
/// failures list each field (and row) at fault. Messages never echo personal field values back into logs.
struct PalermoErrorMiddleware: AsyncMiddleware {
    let environment: Environment

    struct Body: Content {
        let error: String
        let issues: [ValidationIssue]?
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            if let abort = error as? any AbortError, (300..<400).contains(Int(abort.status.code)) {
                return Response(status: abort.status, headers: abort.headers)
            }
            let (status, message, issues) = Self.describe(error)
            if status.code >= 500 {
                request.logger.report(error: error)
            } else {
                request.logger.info("\(request.method) \(request.url.path) -> \(status.code)")
            }
            if request.url.path.hasPrefix("/api/") || !request.headers.accept.contains(where: { $0.mediaType == .html })
            {
                let response = Response(status: status)
                try response.content.encode(Body(error: message, issues: issues))
                return response
            }
            return ErrorPage(request, status: status, message: message, issues: issues ?? []).response(request)
        }
    }

    static func describe(_ error: any Error) -> (HTTPStatus, String, [ValidationIssue]?) {
        switch error {
        case let failure as ValidationFailure:
            return (.unprocessableEntity, "the input has \(failure.issues.count) problem(s)", failure.issues)
        case let problem as TableReadError:
            return (
                .unprocessableEntity, problem.description,
                [ValidationIssue(row: problem.row, field: "file", message: problem.message)]
            )
        case StoreError.notFound:
            return (.notFound, "no such case", nil)
        case StoreError.forbidden(let why):
            return (.forbidden, why, nil)
        case StoreError.conflict:
            return (.conflict, "\(error)", nil)
        case let decoding as DecodingError:
            return (
                .badRequest, "the request body is not valid JSON of the expected shape: \(Self.describe(decoding))", nil
            )
        case let abort as any AbortError:
            return (abort.status, abort.reason, nil)
        default:
            return (.internalServerError, "internal error", nil)
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let names = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
            return names.isEmpty ? "" : " at \(names.joined(separator: "."))"
        }
        switch error {
        case .dataCorrupted(let context): return "malformed JSON\(path(context))"
        case .keyNotFound(let key, let context): return "missing key '\(key.stringValue)'\(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(context.debugDescription)\(path(context))"
        @unknown default: return "unreadable"
        }
    }
}

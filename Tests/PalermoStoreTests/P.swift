import XCTest
final class PalermoStorePlaceholderTests: XCTestCase { func testNothing() {} }

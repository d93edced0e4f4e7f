import XCTest
final class PalermoIOPlaceholderTests: XCTestCase { func testNothing() {} }

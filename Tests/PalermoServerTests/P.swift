import XCTest
final class PalermoServerPlaceholderTests: XCTestCase { func testNothing() {} }

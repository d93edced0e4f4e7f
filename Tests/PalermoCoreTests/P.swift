import XCTest
final class PalermoCorePlaceholderTests: XCTestCase { func testNothing() {} }

import XCTest
final class PalermoStatsPlaceholderTests: XCTestCase { func testNothing() {} }

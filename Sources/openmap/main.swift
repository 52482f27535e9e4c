@main struct OpenMapMain { static func main() {} }

import Foundation

/// Runs `transform` for every index of `0..<count` over all cores and returns the results in
/// index order, so that parallel work gives the same output as a sequential loop.
/// `transform` must only read shared state. `workers` nil: the `OPENMAP_JOBS` environment
/// variable, else one per core.
public func parallelMap<T>(count: Int, workers: Int? = nil, minimumPerChunk: Int = 16, _ transform: (Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    let cores = workers ?? defaultWorkerCount
    if cores <= 1 || count < minimumPerChunk * 2 {
        return (0..<count).map(transform)
    }
    // Many small chunks per core: items are uneven (a list of fifty cards beside a short page),
    // and with few chunks one core was left with the last heavy one while the other idled.
    let chunkCount = min(cores * 64, (count + minimumPerChunk - 1) / minimumPerChunk)
    let chunkSize = (count + chunkCount - 1) / chunkCount
    return withoutActuallyEscaping(transform) { transform in
        let work = UncheckedSendable(transform)
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let base = UncheckedSendable(buffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                let start = chunk * chunkSize
                let end = min(start + chunkSize, count)
                guard start < end, let base = base.value else { return }
                for index in start..<end {
                    (base + index).initialize(to: work.value(index))
                }
            }
            initialized = count
        }
    }
}

/// `OPENMAP_JOBS` when set (1: sequential, for comparisons), else the number of cores.
public let defaultWorkerCount: Int = {
    if let text = ProcessInfo.processInfo.environment["OPENMAP_JOBS"], let jobs = Int(text), jobs > 0 { return jobs }
    return ProcessInfo.processInfo.activeProcessorCount
}()

/// A value handed to the worker threads: the buffer's disjoint slots, the read-only transform.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

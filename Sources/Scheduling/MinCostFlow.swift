// Minimum-cost maximum flow by the primal–dual method: Dijkstra on reduced costs finds the
// shortest distance, then a Dinic blocking flow saturates every zero-reduced-cost path at that
// distance. Costs may be negative on a DAG-shaped initial network (potentials are seeded by a
// topological pass), which is how the scheduler expresses "maximise" objectives.

struct MinCostFlow {
    private(set) var nodeCount: Int
    private var from: [Int] = []
    private var to: [Int] = []
    private var capacity: [Int] = []
    private var cost: [Int] = []
    // CSR adjacency, built once before solving.
    private var firstArc: [Int] = []
    private var arcList: [Int] = []

    init(nodeCount: Int) {
        self.nodeCount = nodeCount
    }

    /// Adds an arc and its residual twin; returns the arc's id (its twin is `id ^ 1`).
    @discardableResult
    mutating func addArc(from source: Int, to target: Int, capacity arcCapacity: Int, cost arcCost: Int) -> Int {
        let id = to.count
        from.append(source); to.append(target); capacity.append(arcCapacity); cost.append(arcCost)
        from.append(target); to.append(source); capacity.append(0); cost.append(-arcCost)
        return id
    }

    /// Flow on arc `id` after `solve`.
    func flow(on id: Int) -> Int { capacity[id ^ 1] }

    private mutating func buildAdjacency() {
        var degree = [Int](repeating: 0, count: nodeCount + 1)
        for node in from { degree[node + 1] += 1 }
        for node in 0..<nodeCount { degree[node + 1] += degree[node] }
        firstArc = degree
        var fill = degree
        arcList = [Int](repeating: 0, count: from.count)
        for arc in 0..<from.count {
            arcList[fill[from[arc]]] = arc
            fill[from[arc]] += 1
        }
    }

    /// Sends the maximum flow from `source` to `sink` at minimum cost.
    /// `topologicalOrder` lists the nodes so that every arc goes forward (used to seed the
    /// potentials when costs are negative). Returns the flow value.
    mutating func solve(source: Int, sink: Int, topologicalOrder: [Int]) -> Int {
        buildAdjacency()
        let unreachable = Int.max / 4
        var potential = [Int](repeating: 0, count: nodeCount)
        var seed = [Int](repeating: unreachable, count: nodeCount)
        seed[source] = 0
        for node in topologicalOrder where seed[node] < unreachable {
            for index in firstArc[node]..<firstArc[node + 1] {
                let arc = arcList[index]
                if capacity[arc] > 0, seed[node] + cost[arc] < seed[to[arc]] {
                    seed[to[arc]] = seed[node] + cost[arc]
                }
            }
        }
        for node in 0..<nodeCount where seed[node] < unreachable { potential[node] = seed[node] }

        var distance = [Int](repeating: unreachable, count: nodeCount)
        var settled = [Bool](repeating: false, count: nodeCount)
        var level = [Int](repeating: -1, count: nodeCount)
        var cursor = [Int](repeating: 0, count: nodeCount)
        var queue = [Int](); queue.reserveCapacity(nodeCount)
        var heap = MinHeap()
        var totalFlow = 0

        while true {
            // Dijkstra on reduced costs.
            for node in 0..<nodeCount { distance[node] = unreachable; settled[node] = false }
            distance[source] = 0
            heap.removeAll()
            heap.push(key: 0, value: source)
            while let (key, node) = heap.pop() {
                if settled[node] || key > distance[node] { continue }
                settled[node] = true
                if node == sink { break }
                for index in firstArc[node]..<firstArc[node + 1] {
                    let arc = arcList[index]
                    guard capacity[arc] > 0 else { continue }
                    let next = to[arc]
                    if settled[next] { continue }
                    let candidate = key + cost[arc] + potential[node] - potential[next]
                    if candidate < distance[next] {
                        distance[next] = candidate
                        heap.push(key: candidate, value: next)
                    }
                }
            }
            guard settled[sink] else { break }
            let sinkDistance = distance[sink]
            for node in 0..<nodeCount where settled[node] {
                potential[node] -= sinkDistance - distance[node]
            }

            // Blocking flows on the admissible (zero reduced cost) subgraph.
            func admissible(_ arc: Int) -> Bool {
                capacity[arc] > 0 && cost[arc] + potential[from[arc]] - potential[to[arc]] == 0
            }
            while true {
                for node in 0..<nodeCount { level[node] = -1 }
                level[source] = 0
                queue.removeAll(keepingCapacity: true)
                queue.append(source)
                var head = 0
                while head < queue.count {
                    let node = queue[head]; head += 1
                    for index in firstArc[node]..<firstArc[node + 1] {
                        let arc = arcList[index]
                        if level[to[arc]] < 0, admissible(arc) {
                            level[to[arc]] = level[node] + 1
                            queue.append(to[arc])
                        }
                    }
                }
                guard level[sink] >= 0 else { break }
                for node in 0..<nodeCount { cursor[node] = firstArc[node] }
                var path: [Int] = []
                var node = source
                while true {
                    if node == sink {
                        var bottleneck = Int.max
                        for arc in path { bottleneck = min(bottleneck, capacity[arc]) }
                        for arc in path {
                            capacity[arc] -= bottleneck
                            capacity[arc ^ 1] += bottleneck
                        }
                        totalFlow += bottleneck
                        path.removeAll(keepingCapacity: true)
                        node = source
                        continue
                    }
                    var advanced = false
                    while cursor[node] < firstArc[node + 1] {
                        let arc = arcList[cursor[node]]
                        if level[to[arc]] == level[node] + 1, admissible(arc) {
                            path.append(arc)
                            node = to[arc]
                            advanced = true
                            break
                        }
                        cursor[node] += 1
                    }
                    if advanced { continue }
                    // Dead end: retreat.
                    level[node] = -1
                    guard let last = path.popLast() else { break }
                    node = from[last]
                    cursor[node] += 1
                }
            }
        }
        return totalFlow
    }
}

/// A binary min-heap of (key, value) pairs; ties are broken by value so the order is total.
struct MinHeap {
    private var keys: [Int] = []
    private var values: [Int] = []

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    private func less(_ i: Int, _ j: Int) -> Bool {
        (keys[i], values[i]) < (keys[j], values[j])
    }

    private mutating func swapAt(_ i: Int, _ j: Int) {
        keys.swapAt(i, j)
        values.swapAt(i, j)
    }

    mutating func push(key: Int, value: Int) {
        keys.append(key); values.append(value)
        var child = keys.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(child, parent) else { break }
            swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (Int, Int)? {
        guard !keys.isEmpty else { return nil }
        let top = (keys[0], values[0])
        let last = keys.count - 1
        swapAt(0, last)
        keys.removeLast(); values.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < keys.count, less(left, smallest) { smallest = left }
            if right < keys.count, less(right, smallest) { smallest = right }
            guard smallest != parent else { break }
            swapAt(parent, smallest)
            parent = smallest
        }
        return top
    }
}

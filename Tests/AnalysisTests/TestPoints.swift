/// A 128-d descriptor at distance `offset` from the origin along `axis`: test points whose distances are plain
/// differences of offsets.
func point(_ axis: Int, _ offset: Float) -> [Float] {
    var v = [Float](repeating: 0, count: 128)
    v[axis] = offset
    return v
}

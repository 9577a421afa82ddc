// egui's triangles straight into a window's sRGB swap-chain image
// (src/gui/egui_render.rs). Colours follow egui's convention: vertex colours
// and texels are premultiplied sRGB, multiplied in gamma space.

struct Screen {
    size_in_points: vec2<f32>,
    _padding: vec2<f32>,
};

@group(0) @binding(0) var<uniform> screen: Screen;
@group(1) @binding(0) var texture: texture_2d<f32>;
@group(1) @binding(1) var texture_sampler: sampler;

struct VertexOutput {
    @builtin(position) position: vec4<f32>,
    @location(0) color: vec4<f32>,
    @location(1) uv: vec2<f32>,
};

@vertex
fn vs_main(
    @location(0) position: vec2<f32>,
    @location(1) uv: vec2<f32>,
    @location(2) color: vec4<f32>,
) -> VertexOutput {
    // Points, origin top left → clip space, origin in the middle, y up.
    let clip = vec2<f32>(
        2.0 * position.x / screen.size_in_points.x - 1.0,
        1.0 - 2.0 * position.y / screen.size_in_points.y,
    );
    return VertexOutput(vec4<f32>(clip, 0.0, 1.0), color, uv);
}

fn linear_from_gamma(srgb: vec3<f32>) -> vec3<f32> {
    let cutoff = srgb < vec3<f32>(0.04045);
    let lower = srgb / vec3<f32>(12.92);
    let higher = pow((srgb + vec3<f32>(0.055)) / vec3<f32>(1.055), vec3<f32>(2.4));
    return select(higher, lower, cutoff);
}

@fragment
fn fs_main(in: VertexOutput) -> @location(0) vec4<f32> {
    // Texels and vertex colours are both gamma (the texture is not an sRGB
    // format): multiply them there, then out as linear for the sRGB target
    // to encode.
    let color = textureSample(texture, texture_sampler, in.uv) * in.color;
    return vec4<f32>(linear_from_gamma(color.rgb), color.a);
}

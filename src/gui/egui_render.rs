//! Draws each window's egui output straight into the window's swap-chain
//! image: one render pass per window and frame that clears to the
//! background and draws egui's triangles, nothing else.
//!
//! Why not bevy_egui's renderer: it draws into the camera's intermediate
//! texture, which Bevy then copies to the window in a full-screen pass. On
//! a CPU renderer (Mesa's lavapipe, what a facilitator's laptop without a
//! working GPU driver and CI both use) that copy of 2 million pixels cost
//! about as much as everything egui draws; measured at 1920×1080 it was a
//! third of the live screen's frame. A camera here runs its own render
//! schedule, [`EguiGraph`], with the one pass below.
//!
//! Textures are egui's own (the font atlas, the channel icons): every
//! frame's changes are applied whether or not the window is drawn that
//! frame, so a window that sits frames out (the facilitator's) never misses
//! a glyph added meanwhile; partial changes update only their rectangle.

use bevy::camera::{ClearColor, ClearColorConfig, RenderTarget};
use bevy::ecs::schedule::{ScheduleBuildSettings, ScheduleLabel};
use bevy::prelude::*;
use bevy::render::camera::{CameraRenderGraph, ExtractedCamera};
use bevy::render::render_resource::{
    AddressMode, BindGroup, BindGroupEntry, BindGroupLayout, BindGroupLayoutEntry, BindingResource,
    BindingType, BlendState, Buffer, BufferBindingType, BufferDescriptor, BufferUsages, ColorTargetState,
    ColorWrites, Extent3d, FilterMode, IndexFormat, MultisampleState, Origin3d, PipelineCompilationOptions,
    PipelineLayoutDescriptor, PrimitiveState, RawFragmentState, RawRenderPipelineDescriptor,
    RawVertexBufferLayout, RawVertexState, RenderPassDescriptor, RenderPipeline, SamplerBindingType,
    SamplerDescriptor, ShaderModuleDescriptor, ShaderSource, ShaderStages, TexelCopyBufferLayout,
    TexelCopyTextureInfo, Texture, TextureAspect, TextureDescriptor, TextureDimension, TextureFormat,
    TextureSampleType, TextureUsages, TextureViewDescriptor, TextureViewDimension, VertexAttribute,
    VertexFormat, VertexStepMode,
};
use bevy::render::renderer::{RenderContext, RenderDevice, RenderQueue, ViewQuery};
use bevy::render::sync_world::RenderEntity;
use bevy::render::view::ViewTarget;
use bevy::render::{MainWorld, Render, RenderApp, RenderSystems};
use bevy_egui::{EguiOutput, EguiPostUpdateSet, EguiRenderOutput, egui};
use std::collections::HashMap;

/// The render schedule of a camera that shows only egui.
#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct EguiGraph;

/// A camera that shows an egui context in `target`, drawn by this module;
/// `clear` is the background behind egui's (transparent) panels.
pub fn camera(target: RenderTarget, order: isize, clear: ClearColorConfig) -> impl Bundle {
    (
        Camera { order, clear_color: clear, ..default() },
        // Needed for Bevy to compute the camera's viewport, which egui lays out in.
        Projection::Orthographic(OrthographicProjection::default_2d()),
        CameraRenderGraph::new(EguiGraph),
        Msaa::Off,
        target,
    )
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<TextureChanges>()
        .add_systems(PostUpdate, collect_texture_changes.after(EguiPostUpdateSet::ProcessOutput));
    let Some(render_app) = app.get_sub_app_mut(RenderApp) else { return };
    let mut graph = Schedule::new(EguiGraph);
    graph.set_build_settings(ScheduleBuildSettings { auto_insert_apply_deferred: false, ..default() });
    render_app
        .add_schedule(graph)
        .init_resource::<PendingTextures>()
        .init_resource::<Views>()
        .add_systems(bevy::render::ExtractSchedule, extract)
        .add_systems(Render, (apply_textures, prepare_views).chain().in_set(RenderSystems::PrepareResources))
        .add_systems(EguiGraph, draw);
}

/// What one window draws this frame, moved out of the main world.
#[derive(Component)]
struct Paint {
    /// The main-world entity of the egui context: textures are per context.
    context: Entity,
    jobs: Vec<egui::ClippedPrimitive>,
    pixels_per_point: f32,
}

/// Texture changes of every context, in the order egui made them, not yet
/// on the GPU. Taken from egui's output as soon as it is made, so none is
/// left behind when the app quits between a frame and its rendering (egui
/// insists, in debug builds, that no change is dropped unapplied).
#[derive(Resource, Default)]
struct TextureChanges(Vec<(Entity, egui::TexturesDelta)>);

impl Drop for TextureChanges {
    fn drop(&mut self) {
        // Quitting: nothing will draw them.
        self.0.iter_mut().for_each(|(_, delta)| delta.clear());
    }
}

fn collect_texture_changes(
    mut outputs: Query<(Entity, &mut EguiRenderOutput)>,
    mut changes: ResMut<TextureChanges>,
) {
    for (context, mut output) in &mut outputs {
        if !output.textures_delta.is_empty() {
            changes.0.push((context, std::mem::take(&mut output.textures_delta)));
        }
    }
}

/// In the render world: the texture changes to apply this frame and the
/// contexts that still exist (a closed window's textures go with it).
#[derive(Resource, Default)]
struct PendingTextures {
    changes: TextureChanges,
    contexts: Vec<Entity>,
}

/// A context's camera and what egui made this frame, in the main world.
type ContextOutput =
    (Entity, RenderEntity, &'static Camera, &'static EguiOutput, &'static mut EguiRenderOutput);

/// Moves each context's output into the render world: the texture changes
/// always, the triangles only for a camera that draws this frame.
fn extract(
    mut main: ResMut<MainWorld>,
    mut commands: Commands,
    mut pending: ResMut<PendingTextures>,
    mut query: Local<Option<QueryState<ContextOutput>>>,
) {
    let changes = std::mem::take(&mut main.resource_mut::<TextureChanges>().0);
    pending.changes.0.extend(changes);
    let query = query.get_or_insert_with(|| main.query());
    pending.contexts.clear();
    for (context, render_entity, camera, output, mut render_output) in query.iter_mut(&mut main) {
        pending.contexts.push(context);
        let render_output = std::mem::take(render_output.as_mut());
        let Ok(mut entity) = commands.get_entity(render_entity) else { continue };
        if camera.is_active {
            entity.insert(Paint {
                context,
                jobs: render_output.paint_jobs,
                pixels_per_point: output.pixels_per_point,
            });
        } else {
            entity.remove::<Paint>();
        }
    }
}

/// One egui texture on the GPU.
struct GpuTexture {
    texture: Texture,
    bind_group: BindGroup,
}

/// The pipeline's parts, the textures and each window's buffers.
#[derive(Resource, Default)]
struct Views {
    gpu: Option<Gpu>,
    textures: HashMap<(Entity, egui::TextureId), GpuTexture>,
    /// Textures egui freed last frame: dropped after that frame was drawn.
    freed: Vec<(Entity, egui::TextureId)>,
    windows: HashMap<Entity, WindowBuffers>,
}

struct Gpu {
    shader: bevy::render::render_resource::ShaderModule,
    screen_layout: BindGroupLayout,
    texture_layout: BindGroupLayout,
    pipeline_layout: bevy::render::render_resource::PipelineLayout,
    pipelines: HashMap<TextureFormat, RenderPipeline>,
}

/// A window's vertices, indices, screen size and the draws over them.
#[derive(Default)]
struct WindowBuffers {
    vertices: Option<Buffer>,
    indices: Option<Buffer>,
    screen: Option<(Buffer, BindGroup)>,
    draws: Vec<Draw>,
    vertex_bytes: Vec<u8>,
    index_bytes: Vec<u8>,
}

struct Draw {
    /// The clip rectangle in physical pixels: x, y, width, height.
    scissor: [u32; 4],
    texture: egui::TextureId,
    indices: std::ops::Range<u32>,
    base_vertex: i32,
}

const SHADER: &str = include_str!("egui_render.wgsl");

impl Gpu {
    fn new(device: &RenderDevice) -> Gpu {
        let shader = device.create_and_validate_shader_module(ShaderModuleDescriptor {
            label: Some("sevdrill egui"),
            source: ShaderSource::Wgsl(SHADER.into()),
        });
        let screen_layout = device.create_bind_group_layout(
            "sevdrill egui screen",
            &[BindGroupLayoutEntry {
                binding: 0,
                visibility: ShaderStages::VERTEX,
                ty: BindingType::Buffer {
                    ty: BufferBindingType::Uniform,
                    has_dynamic_offset: false,
                    min_binding_size: None,
                },
                count: None,
            }],
        );
        let texture_layout = device.create_bind_group_layout(
            "sevdrill egui texture",
            &[
                BindGroupLayoutEntry {
                    binding: 0,
                    visibility: ShaderStages::FRAGMENT,
                    ty: BindingType::Texture {
                        sample_type: TextureSampleType::Float { filterable: true },
                        view_dimension: TextureViewDimension::D2,
                        multisampled: false,
                    },
                    count: None,
                },
                BindGroupLayoutEntry {
                    binding: 1,
                    visibility: ShaderStages::FRAGMENT,
                    ty: BindingType::Sampler(SamplerBindingType::Filtering),
                    count: None,
                },
            ],
        );
        let pipeline_layout = device.create_pipeline_layout(&PipelineLayoutDescriptor {
            label: Some("sevdrill egui"),
            bind_group_layouts: &[Some(&screen_layout), Some(&texture_layout)],
            immediate_size: 0,
        });
        Gpu { shader, screen_layout, texture_layout, pipeline_layout, pipelines: HashMap::new() }
    }

    /// The pipeline drawing into a target of `format`, made on first use.
    fn pipeline(&mut self, device: &RenderDevice, format: TextureFormat) -> &RenderPipeline {
        let Gpu { shader, pipeline_layout, pipelines, .. } = self;
        pipelines.entry(format).or_insert_with(|| {
            // egui's vertex: position and texture coordinate in points, then
            // a premultiplied sRGBA colour as four bytes.
            let attributes = [
                VertexAttribute { format: VertexFormat::Float32x2, offset: 0, shader_location: 0 },
                VertexAttribute { format: VertexFormat::Float32x2, offset: 8, shader_location: 1 },
                VertexAttribute { format: VertexFormat::Unorm8x4, offset: 16, shader_location: 2 },
            ];
            device.create_render_pipeline(&RawRenderPipelineDescriptor {
                label: Some("sevdrill egui"),
                layout: Some(pipeline_layout),
                vertex: RawVertexState {
                    module: shader,
                    entry_point: Some("vs_main"),
                    compilation_options: PipelineCompilationOptions::default(),
                    buffers: &[RawVertexBufferLayout {
                        array_stride: std::mem::size_of::<egui::epaint::Vertex>() as u64,
                        step_mode: VertexStepMode::Vertex,
                        attributes: &attributes,
                    }],
                },
                primitive: PrimitiveState::default(),
                depth_stencil: None,
                multisample: MultisampleState::default(),
                fragment: Some(RawFragmentState {
                    module: shader,
                    entry_point: Some("fs_main"),
                    compilation_options: PipelineCompilationOptions::default(),
                    targets: &[Some(ColorTargetState {
                        format,
                        blend: Some(BlendState::PREMULTIPLIED_ALPHA_BLENDING),
                        write_mask: ColorWrites::ALL,
                    })],
                }),
                multiview_mask: None,
                cache: None,
            })
        })
    }
}

/// Applies every context's texture changes in the order egui made them:
/// last frame's frees first (egui frees a texture after the frame that
/// last used it), then new textures and updated rectangles.
fn apply_textures(
    mut pending: ResMut<PendingTextures>,
    mut views: ResMut<Views>,
    device: Res<RenderDevice>,
    queue: Res<RenderQueue>,
) {
    let views = &mut *views;
    for key in views.freed.drain(..) {
        views.textures.remove(&key);
    }
    let pending = &mut *pending;
    views.textures.retain(|(context, _), _| pending.contexts.contains(context));
    views.windows.retain(|context, _| pending.contexts.contains(context));
    let gpu = views.gpu.get_or_insert_with(|| Gpu::new(&device));
    for (context, mut delta) in pending.changes.0.drain(..) {
        for (id, image_delta) in
            delta.set.drain().flat_map(|(id, deltas)| deltas.into_iter().map(move |d| (id, d)))
        {
            let egui::ImageData::Color(image) = &image_delta.image;
            let [width, height] = image.size.map(|s| s as u32);
            let pixels: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
            let origin = match image_delta.pos {
                Some([x, y]) => Origin3d { x: x as u32, y: y as u32, z: 0 },
                None => {
                    let texture = new_texture(&device, gpu, width, height, &image_delta.options);
                    views.textures.insert((context, id), texture);
                    Origin3d::ZERO
                }
            };
            let Some(texture) = views.textures.get(&(context, id)) else {
                warn!("egui updated part of texture {id:?}, which does not exist");
                continue;
            };
            queue.write_texture(
                TexelCopyTextureInfo {
                    texture: &texture.texture,
                    mip_level: 0,
                    origin,
                    aspect: TextureAspect::All,
                },
                &pixels,
                TexelCopyBufferLayout { offset: 0, bytes_per_row: Some(4 * width), rows_per_image: None },
                Extent3d { width, height, depth_or_array_layers: 1 },
            );
        }
        views.freed.extend(delta.free.drain().map(|id| (context, id)));
    }
}

fn new_texture(
    device: &RenderDevice,
    gpu: &Gpu,
    width: u32,
    height: u32,
    options: &egui::TextureOptions,
) -> GpuTexture {
    let texture = device.create_texture(&TextureDescriptor {
        label: Some("sevdrill egui texture"),
        size: Extent3d { width, height, depth_or_array_layers: 1 },
        mip_level_count: 1,
        sample_count: 1,
        dimension: TextureDimension::D2,
        // Texels stay in gamma space as egui made them (egui multiplies
        // colours there): an sRGB format would decode them on every sample
        // only for the shader to encode them again.
        format: TextureFormat::Rgba8Unorm,
        usage: TextureUsages::TEXTURE_BINDING | TextureUsages::COPY_DST,
        view_formats: &[],
    });
    let view = texture.create_view(&TextureViewDescriptor::default());
    let filter = |f: egui::TextureFilter| match f {
        egui::TextureFilter::Nearest => FilterMode::Nearest,
        egui::TextureFilter::Linear => FilterMode::Linear,
    };
    let address = match options.wrap_mode {
        egui::TextureWrapMode::ClampToEdge => AddressMode::ClampToEdge,
        egui::TextureWrapMode::Repeat => AddressMode::Repeat,
        egui::TextureWrapMode::MirroredRepeat => AddressMode::MirrorRepeat,
    };
    let sampler = device.create_sampler(&SamplerDescriptor {
        label: Some("sevdrill egui sampler"),
        address_mode_u: address,
        address_mode_v: address,
        mag_filter: filter(options.magnification),
        min_filter: filter(options.minification),
        ..default()
    });
    let bind_group = device.create_bind_group(
        "sevdrill egui texture",
        &gpu.texture_layout,
        &[
            BindGroupEntry { binding: 0, resource: BindingResource::TextureView(&view) },
            BindGroupEntry { binding: 1, resource: BindingResource::Sampler(&sampler) },
        ],
    );
    GpuTexture { texture, bind_group }
}

/// Fills each drawn window's buffers from its triangles and makes sure a
/// pipeline exists for its target's format.
fn prepare_views(
    windows: Query<(&Paint, &ExtractedCamera, &ViewTarget)>,
    mut views: ResMut<Views>,
    device: Res<RenderDevice>,
    queue: Res<RenderQueue>,
) {
    let views = &mut *views;
    let Some(gpu) = views.gpu.as_mut() else { return };
    for (paint, camera, target) in &windows {
        let (Some(size), Some(format)) = (camera.physical_target_size, target.out_texture_view_format())
        else {
            continue;
        };
        gpu.pipeline(&device, format);
        let buffers = views.windows.entry(paint.context).or_default();
        buffers.fill(paint, size);
        buffers.upload(&device, &queue, gpu, size, paint.pixels_per_point);
    }
}

impl WindowBuffers {
    /// Lays every mesh end to end, one draw each, clipped to the target.
    fn fill(&mut self, paint: &Paint, size: UVec2) {
        self.draws.clear();
        self.vertex_bytes.clear();
        self.index_bytes.clear();
        let ppp = paint.pixels_per_point;
        let (mut vertices, mut indices) = (0u32, 0u32);
        for job in &paint.jobs {
            let egui::epaint::Primitive::Mesh(mesh) = &job.primitive else { continue };
            if mesh.indices.is_empty() {
                continue;
            }
            // Round the clip rectangle to pixels, inside the target.
            let clip = job.clip_rect;
            let x0 = ((clip.min.x * ppp).round().max(0.0) as u32).min(size.x);
            let y0 = ((clip.min.y * ppp).round().max(0.0) as u32).min(size.y);
            let x1 = ((clip.max.x * ppp).round().max(0.0) as u32).clamp(x0, size.x);
            let y1 = ((clip.max.y * ppp).round().max(0.0) as u32).clamp(y0, size.y);
            if x1 == x0 || y1 == y0 {
                continue;
            }
            self.vertex_bytes.extend_from_slice(bytemuck::cast_slice(&mesh.vertices));
            self.index_bytes.extend_from_slice(bytemuck::cast_slice(&mesh.indices));
            let count = mesh.indices.len() as u32;
            self.draws.push(Draw {
                scissor: [x0, y0, x1 - x0, y1 - y0],
                texture: mesh.texture_id,
                indices: indices..indices + count,
                base_vertex: vertices as i32,
            });
            indices += count;
            vertices += mesh.vertices.len() as u32;
        }
    }

    /// Writes the buffers, growing them to the next power of two when short.
    fn upload(&mut self, device: &RenderDevice, queue: &RenderQueue, gpu: &Gpu, size: UVec2, ppp: f32) {
        for (buffer, bytes, usage, label) in [
            (&mut self.vertices, &self.vertex_bytes, BufferUsages::VERTEX, "sevdrill egui vertices"),
            (&mut self.indices, &self.index_bytes, BufferUsages::INDEX, "sevdrill egui indices"),
        ] {
            if bytes.is_empty() {
                continue;
            }
            if buffer.as_ref().is_none_or(|b| b.size() < bytes.len() as u64) {
                *buffer = Some(device.create_buffer(&BufferDescriptor {
                    label: Some(label),
                    size: (bytes.len() as u64).next_power_of_two(),
                    usage: usage | BufferUsages::COPY_DST,
                    mapped_at_creation: false,
                }));
            }
            if let Some(buffer) = buffer {
                queue.write_buffer(buffer, 0, bytes);
            }
        }
        let (screen, _) = self.screen.get_or_insert_with(|| {
            let buffer = device.create_buffer(&BufferDescriptor {
                label: Some("sevdrill egui screen"),
                size: 16,
                usage: BufferUsages::UNIFORM | BufferUsages::COPY_DST,
                mapped_at_creation: false,
            });
            let bind_group = device.create_bind_group(
                "sevdrill egui screen",
                &gpu.screen_layout,
                &[BindGroupEntry { binding: 0, resource: buffer.as_entire_binding() }],
            );
            (buffer, bind_group)
        });
        // The screen's size in points, padded to 16 bytes.
        let points = [size.x as f32 / ppp, size.y as f32 / ppp, 0.0, 0.0];
        queue.write_buffer(screen, 0, bytemuck::cast_slice(&points));
    }
}

/// The one pass of a window: clear to the background, draw egui.
fn draw(
    view: ViewQuery<(&Paint, &ExtractedCamera, &ViewTarget)>,
    views: Res<Views>,
    clear_color: Res<ClearColor>,
    mut ctx: RenderContext,
) {
    let (paint, camera, target) = view.into_inner();
    let clear = match camera.clear_color {
        ClearColorConfig::Default => Some(clear_color.0),
        ClearColorConfig::Custom(color) => Some(color),
        ClearColorConfig::None => None,
    };
    let (Some(attachment), Some(format)) =
        (target.out_texture_color_attachment(clear.map(LinearRgba::from)), target.out_texture_view_format())
    else {
        return;
    };
    let mut pass = ctx.command_encoder().begin_render_pass(&RenderPassDescriptor {
        label: Some("sevdrill egui"),
        color_attachments: &[Some(attachment)],
        depth_stencil_attachment: None,
        timestamp_writes: None,
        occlusion_query_set: None,
        multiview_mask: None,
    });
    let (Some(gpu), Some(buffers)) = (views.gpu.as_ref(), views.windows.get(&paint.context)) else { return };
    let (Some(pipeline), Some(vertices), Some(indices), Some((_, screen))) =
        (gpu.pipelines.get(&format), &buffers.vertices, &buffers.indices, &buffers.screen)
    else {
        return;
    };
    if buffers.draws.is_empty() {
        return;
    }
    pass.set_pipeline(pipeline);
    pass.set_bind_group(0, &**screen, &[]);
    pass.set_vertex_buffer(0, (**vertices).slice(..));
    pass.set_index_buffer((**indices).slice(..), IndexFormat::Uint32);
    let mut bound = None;
    for draw in &buffers.draws {
        let Some(texture) = views.textures.get(&(paint.context, draw.texture)) else { continue };
        if bound != Some(draw.texture) {
            pass.set_bind_group(1, &*texture.bind_group, &[]);
            bound = Some(draw.texture);
        }
        let [x, y, w, h] = draw.scissor;
        pass.set_scissor_rect(x, y, w, h);
        pass.draw_indexed(draw.indices.clone(), draw.base_vertex, 0..1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::epaint::{ClippedPrimitive, Mesh, Primitive, Vertex};
    use egui::{Color32, Rect, TextureId, pos2};

    fn quad(texture: TextureId, x: f32) -> Mesh {
        let mut mesh = Mesh::with_texture(texture);
        let v = |px, py| Vertex { pos: pos2(px, py), uv: pos2(0.0, 0.0), color: Color32::WHITE };
        mesh.vertices = vec![v(x, 0.0), v(x + 10.0, 0.0), v(x + 10.0, 10.0), v(x, 10.0)];
        mesh.indices = vec![0, 1, 2, 0, 2, 3];
        mesh
    }

    fn job(clip: Rect, mesh: Mesh) -> ClippedPrimitive {
        ClippedPrimitive { clip_rect: clip, primitive: Primitive::Mesh(mesh) }
    }

    #[test]
    fn meshes_are_laid_end_to_end_each_clipped_to_the_target_in_pixels() {
        let font = TextureId::Managed(0);
        let icon = TextureId::Managed(7);
        let everywhere = Rect::from_min_max(pos2(-50.0, -50.0), pos2(5000.0, 5000.0));
        let paint = Paint {
            context: Entity::PLACEHOLDER,
            jobs: vec![
                job(Rect::from_min_max(pos2(10.2, 20.0), pos2(110.0, 60.4)), quad(font, 0.0)),
                // Clipped away entirely: outside the target.
                job(Rect::from_min_max(pos2(2000.0, 0.0), pos2(2100.0, 10.0)), quad(font, 20.0)),
                // An empty mesh draws nothing.
                job(everywhere, Mesh::with_texture(font)),
                job(everywhere, quad(icon, 40.0)),
            ],
            pixels_per_point: 2.0,
        };
        let mut buffers = WindowBuffers::default();
        buffers.fill(&paint, UVec2::new(1920, 1080));
        assert_eq!(buffers.draws.len(), 2, "the clipped-away and the empty mesh are skipped");
        let [first, second] = &buffers.draws[..] else { unreachable!() };
        // Points × 2 pixels a point, rounded.
        assert_eq!(first.scissor, [20, 40, 200, 81]);
        assert_eq!((first.texture, first.indices.clone(), first.base_vertex), (font, 0..6, 0));
        // Clamped to the target; its vertices follow the first mesh's.
        assert_eq!(second.scissor, [0, 0, 1920, 1080]);
        assert_eq!((second.texture, second.indices.clone(), second.base_vertex), (icon, 6..12, 4));
        let vertex = std::mem::size_of::<Vertex>();
        assert_eq!(vertex, 20, "the pipeline's vertex layout assumes 20 bytes");
        assert_eq!(buffers.vertex_bytes.len(), 8 * vertex);
        assert_eq!(buffers.index_bytes.len(), 12 * 4);
        // Indices stay relative to their mesh: base_vertex places them.
        assert_eq!(&buffers.index_bytes[24..28], &0u32.to_ne_bytes());
    }
}
